// A stand-in for scripts/portal-worker.mjs under scripts/serve.mjs (its test): serves on the `-p` port and
// answers who it is. SERVE_WORKER_FAIL=1: exits with code 3 before listening. GET /exit: exits
// with code 1 after answering (a worker dying while serving).
import http from "node:http";

if (process.env.SERVE_WORKER_FAIL === "1") process.exit(3);
const port = Number(process.argv[process.argv.indexOf("-p") + 1]);
http
  .createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        pid: process.pid,
        worker: process.env.PORTAL_WORKER,
        sync: process.env.PORTAL_SYNC_INTERVAL_MINUTES,
        retention: process.env.PORTAL_RETENTION_INTERVAL_MINUTES,
      }),
    );
    if (req.url === "/exit") setTimeout(() => process.exit(1), 10);
  })
  .listen(port);
