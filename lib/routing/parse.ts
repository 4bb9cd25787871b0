// ROUTES as configured (a JSON string), validated into rules; the error names the bad field (`ROUTES[2].to[0]: …`).
import { invalidConfiguration } from '../config/index.ts';
import { parseJsonSetting } from '../validation/index.ts';
import { Routes } from './schema.ts';

export function parseRoutes(json: string): Routes {
  return parseJsonSetting('ROUTES', json, Routes, invalidConfiguration);
}
