.DEFAULT_GOAL := help
PREFIX ?= /usr/local

generate: ## Regenerate Generated/ from api/runs.yaml
	swift run gen api/runs.yaml

check: ## Fail if Generated/ is not what gen makes from api/runs.yaml
	swift run gen api/runs.yaml --check

install: ## Install gen as PREFIX/bin/gen (Swift runtime linked in) with its templates and runtime in PREFIX/share/gen
	swift build -c release --product gen --static-swift-stdlib --build-path .build-static
	install -d $(PREFIX)/bin $(PREFIX)/share/gen
	install -m 755 .build-static/release/gen $(PREFIX)/bin/gen
	rm -rf $(PREFIX)/share/gen/Templates
	cp -R Templates $(PREFIX)/share/gen/Templates
	rm -rf $(PREFIX)/share/gen/Runtime
	cp -R Runtime $(PREFIX)/share/gen/Runtime

lint: ## Check the code style (swift format lint --strict, .swift-format)
	bash Scripts/lint.sh

format: ## Reformat the code as .swift-format says
	bash Scripts/lint.sh --fix

test: ## Run every test
	swift test

ci: ## What CI runs
	bash .ci/run

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

.PHONY: generate check install lint format test ci help
