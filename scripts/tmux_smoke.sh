#!/usr/bin/env bash
# Smoke test as a person would: start `moozix demo` in tmux, type a complaint, read the screen.
# Usage: scripts/tmux_smoke.sh [moozix command, default `moozix`]  (exit 0 = the screen showed
# the journey; run from the checkout whose code "python -m moozix_tui" should use)
set -u
moozix=${1:-moozix}
session="moozix-smoke-$$"
home=$(mktemp -d)
cleanup() { tmux kill-session -t "$session" 2>/dev/null; rm -rf "$home"; }
trap cleanup EXIT

command -v tmux >/dev/null || { echo "tmux is not installed"; exit 2; }
tmux new-session -d -s "$session" -x 120 -y 36 -c "$PWD" "MOOZIX_HOME=$home $moozix demo"

wait_for() {  # wait_for TEXT SECONDS
    for _ in $(seq 1 $(( $2 * 4 ))); do
        tmux capture-pane -t "$session" -p | grep -q "$1" && return 0
        sleep 0.25
    done
    echo "did not see '$1' on screen within $2 s; screen was:"
    tmux capture-pane -t "$session" -p
    return 1
}

wait_for "demo song is ready" 300 || exit 1
tmux send-keys -t "$session" "the vocal is too low" Enter
wait_for "lead vocal" 120 || exit 1
wait_for "Turn the lead vocal up" 300 || exit 1   # in the plan reply and the side panel
tmux send-keys -t "$session" "go" Enter
wait_for "before → after" 300 || exit 1
tmux send-keys -t "$session" C-q
echo "tmux smoke: complaint understood, plan shown, render summarised"
