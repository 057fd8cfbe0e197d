import { normalizeName } from '@mosaic/matching';
let n = 0;
const t = performance.now();
for (let i = 0; i < 300000; i++) n += normalizeName('Mohamed Ali Hassan').core.length;
console.log('norm/s', 300000 / ((performance.now() - t) / 1000), n);
