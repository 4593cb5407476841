/**
 * Entry of the card bridge service bundle (dist/bridge/madoguchi-bridge.cjs):
 *   node madoguchi-bridge.cjs --config /etc/madoguchi/bridge.json
 * Everything is in run-service.ts; this file only runs it (the bundle has no other entry guard).
 */
import { runService } from './run-service';

void runService(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exit(code);
});
