import { generateDemoBatches } from '@mosaic/demo';
const c0 = process.cpuUsage(); const t0 = Date.now(); let r = 0;
for (const b of generateDemoBatches({ persons: 30000, seed: 1 })) { r += b.records.length; }
const c = process.cpuUsage(c0);
console.log(r, 'wall', Date.now() - t0, 'cpu', Math.round((c.user + c.system) / 1000));
