import { runStack } from "./lib/stack";

await runStack("start");
