import { base } from "@smo1/config/eslint";

export default base;
