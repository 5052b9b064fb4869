/**
 * Entry point. Imports run in order: telemetry first (it instruments http, so it must load before the
 * server's modules), then the server (run-server.ts).
 */
import './telemetry-bootstrap';
import './run-server';
