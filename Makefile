.DEFAULT_GOAL := help

generate: ## Regenerate Generated/ from api/runs.yaml
	swift run gen api/runs.yaml

check: ## Fail if Generated/ is not what gen makes from api/runs.yaml
	swift run gen api/runs.yaml --check

test: ## Run every test
	swift test

ci: ## What CI runs
	bash .ci/run

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

.PHONY: generate check test ci help
