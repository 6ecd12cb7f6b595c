// A small Node program to profile with `node --cpu-prof` and `node --heap-prof` (see
// record_node.sh): a pricing loop, a recursive helper, an anonymous callback, and a cache
// that keeps what it allocates, so both profiles have something to show.
'use strict';

const cache = new Map();

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function makeOrder(i) {
  return { id: i, items: Array.from({ length: 20 }, (_, k) => ({ sku: `sku-${k}`, qty: (i + k) % 7 })) };
}

function priceOrder(order) {
  let total = 0;
  for (const item of order.items) total += item.qty * (item.sku.length + fib(12));
  return total;
}

function handle(i) {
  const order = makeOrder(i);
  const price = priceOrder(order);
  if (i % 3 === 0) cache.set(i, JSON.stringify(order));
  return price;
}

let sum = 0;
const deadline = Date.now() + Number(process.argv[2] || 400);
for (let i = 0; Date.now() < deadline; i++) {
  sum += [i].map((x) => handle(x))[0];
}
console.log(sum, cache.size);
