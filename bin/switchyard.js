#!/usr/bin/env -S node --max-semi-space-size=2
// A small young generation keeps peak memory down (measured with 500 branches: the
// dashboard peaks at 139 MB instead of 177 MB) at no measurable cost in speed.
// React's production build: this is a program, not a library under development.
process.env.NODE_ENV ??= 'production';
// One bundle (esbuild, split at each command's lazy import): Ink's dependencies load
// only the code Ink uses, which halves the UI's load time and saves 17 MB.
await import('../dist/bundle/cli.js');
