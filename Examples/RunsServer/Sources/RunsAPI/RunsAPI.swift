// SwiftPM skips a target without Swift sources before any plugin runs, so a target that holds only a spec needs one
// Swift file, even an empty one like this: GenPlugin writes the rest from openapi.yaml.
