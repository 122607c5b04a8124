# Conveniences; each target is the same as `python3 dev.py TARGET`.
.PHONY: chat test setup bench eval
chat:
	python3 dev.py chat
test:
	python3 dev.py test
setup:
	python3 dev.py setup
bench: setup
	.venv/bin/python benchmarks/bench_engine.py
eval: setup
	.venv/bin/python ../shared/eval/score.py ../shared/eval/dev.yaml -- .venv/bin/python -m bot ask --json --no-log
