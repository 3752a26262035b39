// A target that holds only a spec needs one Swift file: SwiftPM skips a target without sources before any plugin
// runs. GenPlugin writes the rest from openapi.yaml (api/runs.yaml) with the server side (gen-config.yaml).
