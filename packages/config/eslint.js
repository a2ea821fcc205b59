// SMO1's ESLint presets (flat config). `base` for any TypeScript project, `web` for the Next.js
// apps: React hooks rules, Next.js rules and the accessibility rules of jsx-a11y.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const ignores = {
  ignores: ["**/node_modules/**", "**/out/**", "**/.next/**", "**/dist/**", "**/next-env.d.ts"],
};

export const base = [
  ignores,
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // plain JavaScript here is Node: build scripts, configuration files
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always"],
    },
  },
];

export const web = [
  ...base,
  jsxA11y.flatConfigs.recommended,
  {
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      // a Pages Router rule: the apps use the App Router, where it only warns that pages/ is missing
      "@next/next/no-html-link-for-pages": "off",
      // a region that scrolls sideways (a wide table on a phone) must take focus, or a keyboard
      // cannot scroll it (axe: scrollable-region-focusable); it is named by its label
      "jsx-a11y/no-noninteractive-tabindex": [
        "error",
        { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true },
      ],
    },
  },
];
