import { web } from "@smo1/config/eslint";

export default [
  ...web,
  {
    // build scripts run on Node
    files: ["scripts/**/*.mjs", "*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
];
