// Loaded with `node --import`: records the URL of every module the program loads,
// one per line, into the file named by SWITCHYARD_MODULE_TRACE.
import {register} from 'node:module';

register('./hooks.mjs', import.meta.url, {data: {file: process.env.SWITCHYARD_MODULE_TRACE}});
