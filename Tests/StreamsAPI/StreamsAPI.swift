// The client of openapi.yaml is generated into this module at build time by GenPlugin; SwiftPM only runs a build
// plugin for a target that has at least one Swift source of its own, which is what this file is for.
