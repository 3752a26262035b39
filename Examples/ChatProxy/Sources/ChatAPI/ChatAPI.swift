// The proxy's API (openapi.yaml beside this file) is generated into this module at build time by GenPlugin.
