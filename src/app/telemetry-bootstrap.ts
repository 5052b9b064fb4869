// Loaded first by main.ts: telemetry must patch http before the server modules load it.
import { startTelemetryFromEnvironment } from './telemetry';

startTelemetryFromEnvironment();
