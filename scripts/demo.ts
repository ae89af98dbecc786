import { runStack } from "./lib/stack";

await runStack("demo");
