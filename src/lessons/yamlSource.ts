/** The front matter as located YAML: shared with the fleet's policy files, so it lives in src/shared. */
export * from "../shared/yamlSource";
