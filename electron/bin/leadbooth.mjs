#!/usr/bin/env node
// Runs the TypeScript CLI straight from source, so `npx leadbooth` works right after npm install.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli.ts');
process.exitCode = await main();
