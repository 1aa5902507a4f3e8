#!/usr/bin/env node
import './startup.js';
import { run } from './main.js';

await run();
