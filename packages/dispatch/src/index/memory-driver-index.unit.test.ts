import { dispatcherContract } from "../dispatcher.contract.ts";
import { tripContract } from "../trip.contract.ts";
import { driverIndexContract } from "./driver-index.contract.ts";
import { MemoryDriverIndex } from "./memory-driver-index.ts";
import { tripClaimContract } from "./trip-claim.contract.ts";

driverIndexContract("memory", async (opts) => new MemoryDriverIndex(opts));

dispatcherContract("memory", async (opts) => new MemoryDriverIndex(opts));

tripClaimContract("memory", async (opts) => new MemoryDriverIndex(opts));
tripContract("memory", async (opts) => new MemoryDriverIndex(opts));
