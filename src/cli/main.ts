#!/usr/bin/env node
// Entry point. Node's compile cache keeps the compiled (and type-stripped) modules between runs, which takes
// most of the start-up time off every invocation after the first; it must be on before the program loads.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('./program.ts');
process.exitCode = await main(process.argv.slice(2));
