# The two commands the README starts with. Both do all set-up themselves.
BUILD ?= build
JOBS  ?= $(shell nproc)
TOOL  := $(BUILD)/bin/utrace-check

.PHONY: all setup configure build demo test clean

all: build

setup:
	@scripts/setup-deps.sh

configure: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(TOOL)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD)
