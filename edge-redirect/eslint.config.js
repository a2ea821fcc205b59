import { base } from "@smo1/config/eslint";

// test/previous-worker holds an old build of this Worker, generated (see its header)
export default [{ ignores: ["test/previous-worker/**"] }, ...base];
