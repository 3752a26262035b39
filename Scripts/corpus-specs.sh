# Sourced by Scripts/corpus.sh and Scripts/conformance.sh: builds gen (release) into $gen and sets $specs to the specs
# given on the command line, or to api/runs.yaml and every spec under $SPECS_DIR (default ../shared/specs).
# Expects $root (the repository) and the script's arguments.
specs_dir="${SPECS_DIR:-$root/../shared/specs}"
swift build -c release --product gen >/dev/null 2>&1 || { echo "$(basename "$0"): swift build failed" >&2; exit 1; }
gen="$root/.build/release/gen"
if [ $# -gt 0 ]; then
    specs=("$@")
else
    specs=("$root/api/runs.yaml" "$specs_dir"/oai-examples/v3.0/*.yaml "$specs_dir"/oai-examples/v3.1/*.yaml "$specs_dir"/twilio/*.yaml
           "$specs_dir"/asana/*.yaml "$specs_dir"/github-createapi/*.yaml "$specs_dir"/openai/openapi.yaml
           "$specs_dir"/digitalocean/specification/DigitalOcean-public.v2.yaml)
fi
