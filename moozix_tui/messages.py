"""App-wide messages: a background job's progress, result or failure."""

from __future__ import annotations

from textual.message import Message

from moozix_tui.engine import Job

__all__ = ["JobFailed", "JobFinished", "JobProgress"]


class JobProgress(Message):
    def __init__(self, job: Job, stage: str, fraction: float) -> None:
        super().__init__()
        self.job, self.stage, self.fraction = job, stage, fraction

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, JobProgress) and message.job is self.job


class JobFinished(Message):
    def __init__(self, job: Job, outcome: object) -> None:
        super().__init__()
        self.job, self.outcome = job, outcome


class JobFailed(Message):
    """Carries the job so the engine can restore its state and say what went wrong."""

    def __init__(self, job: Job, error: BaseException) -> None:
        super().__init__()
        self.job, self.error = job, error
