# AgentQuill: `make test` and `make run` set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

PACKAGING := $(VENV)/.packaging
APP_ID := io.github.agentquill.AgentQuill
ICON_SIZES := 16 24 32 48 64 128 256 512
DATA_HOME := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
# The program the menu entry starts: the packaged app if built, else `agentquill` on PATH
# (pip or pipx), else this checkout's venv. Override: make install-desktop AGENTQUILL=/path
AGENTQUILL ?= $(or $(wildcard $(CURDIR)/dist/AgentQuill/agentquill),$(shell command -v agentquill),$(CURDIR)/$(BIN)/agentquill)
UPDATE_CACHES := \
	if command -v update-desktop-database >/dev/null; then \
	  update-desktop-database -q $(DATA_HOME)/applications; fi; \
	if command -v gtk-update-icon-cache >/dev/null; then \
	  gtk-update-icon-cache -q -t -f $(DATA_HOME)/icons/hicolor; fi

.PHONY: setup test lint run bench fuzz clean app install-desktop uninstall-desktop

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

setup: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check app tests
	$(BIN)/ruff format --check app tests

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

run: $(STAMP)
	$(BIN)/agentquill resources/examples

bench: $(STAMP)
	$(BIN)/python tests/benchmarks/run.py

# Mutation fuzz run (tests/fuzz): fails on any exception, slow input or non-minimal edit
FUZZ_COUNT ?= 20000
FUZZ_SEED ?= 14
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz/driver.py --count $(FUZZ_COUNT) --seed $(FUZZ_SEED)

$(PACKAGING): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[packaging]'
	touch $(PACKAGING)

# The one-folder app in dist/AgentQuill (see packaging/README.md)
app: $(PACKAGING)
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/agentquill.spec

# Menu entry, AppStream metainfo and icons for the current user (XDG_DATA_HOME respected)
install-desktop:
	install -Dm644 packaging/linux/$(APP_ID).metainfo.xml $(DATA_HOME)/metainfo/$(APP_ID).metainfo.xml
	mkdir -p $(DATA_HOME)/applications
	sed 's|^Exec=agentquill |Exec="$(AGENTQUILL)" |' packaging/linux/$(APP_ID).desktop \
	  > $(DATA_HOME)/applications/$(APP_ID).desktop
	for size in $(ICON_SIZES); do \
	  install -Dm644 resources/icons/agentquill-$$size.png \
	    $(DATA_HOME)/icons/hicolor/$${size}x$${size}/apps/$(APP_ID).png; \
	done
	install -Dm644 resources/icons/agentquill.svg $(DATA_HOME)/icons/hicolor/scalable/apps/$(APP_ID).svg
	$(UPDATE_CACHES)
	@echo "Installed $(APP_ID) in $(DATA_HOME); it starts $(AGENTQUILL)"

uninstall-desktop:
	rm -f $(DATA_HOME)/applications/$(APP_ID).desktop $(DATA_HOME)/metainfo/$(APP_ID).metainfo.xml
	rm -f $(foreach s,$(ICON_SIZES),$(DATA_HOME)/icons/hicolor/$(s)x$(s)/apps/$(APP_ID).png)
	rm -f $(DATA_HOME)/icons/hicolor/scalable/apps/$(APP_ID).svg
	$(UPDATE_CACHES)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis dist build/pyinstaller
