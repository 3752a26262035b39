// OpenAI's chat completions client (openapi.yaml beside this file, filtered by gen-config.yaml) is generated into
// this module at build time by GenPlugin.
