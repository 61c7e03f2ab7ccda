#!/usr/bin/env bash
# Regenerate every committed example and golden file after a change to the models, the
# extraction or the renderers: the seed reports, the classroom exercises, the same-story
# comparison of seeds 001 and 004, and the test gold files.  Review `git diff` afterwards:
# each change in them should be one you meant.
set -euo pipefail
cd "$(dirname "$0")/.."
attribution analyze seeds/ -o reports/ --format json,md,html
for level in middle high; do
    attribution exercise seeds/*.txt -o reports/exercises --level "$level"
    attribution exercise seeds/001_d19f47592ba6ce0b.txt seeds/004_e22b176ff2ef0cb8.txt --compare \
        -o reports/exercises --level "$level"
done
attribution compare seeds/001_d19f47592ba6ce0b.txt seeds/004_e22b176ff2ef0cb8.txt -o reports/story >/dev/null
attribution compare seeds/ -o reports/seed-outlets
rm -f reports/seed-outlets/.journal.jsonl
ATTRIBUTION_REGEN_GOLD=1 python -m pytest -q tests/test_gold.py tests/test_exercise.py tests/test_story.py
