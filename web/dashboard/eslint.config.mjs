import { web } from "@smo1/config/eslint";

export default [...web];
