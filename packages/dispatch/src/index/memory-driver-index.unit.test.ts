import { dispatcherContract } from "../dispatcher.contract.ts";
import { driverIndexContract } from "./driver-index.contract.ts";
import { MemoryDriverIndex } from "./memory-driver-index.ts";

driverIndexContract("memory", async (opts) => new MemoryDriverIndex(opts));

dispatcherContract("memory", async (opts) => new MemoryDriverIndex(opts));
