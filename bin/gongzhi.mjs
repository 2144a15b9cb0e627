#!/usr/bin/env node
// Entry point of the `gongzhi` command: runs the TypeScript CLI through tsx (no separate build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
