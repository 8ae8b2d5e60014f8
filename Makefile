# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d" " -f1)

.PHONY: demo test bench clean schema browser java

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

demo: $(STAMP)
	$(BIN)/dateline analyze dateline/examples/harbour_talks.txt

test: $(STAMP) browser java
	$(BIN)/pytest

# The workspace's browser tests drive Debian's Chromium (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null || { $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -q chromium; }

# The Spark tests run a local Spark, which needs a Java runtime (Debian's headless JRE).
java:
	@command -v java >/dev/null || { $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -q openjdk-17-jre-headless; }

bench: $(STAMP)
	$(BIN)/python bench/run.py --json bench/last.json

schema: $(STAMP)
	$(BIN)/python -m dateline.schema

clean:
	rm -rf $(VENV) build *.egg-info
