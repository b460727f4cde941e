rows = [("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 100, 2.125), ("kiwi", 7, 1.0)]
print(f"{'name':<10}|{'qty':>5}|{'price':>8}|{'total':>10}")
print("-" * 36)
grand = 0.0
for name, qty, price in rows:
    total = qty * price
    grand += total
    print(f"{name:<10}|{qty:>5}|{price:>8.2f}|{total:>10.3f}")
print("-" * 36)
print(f"{'sum':<10}|{'':>5}|{'':>8}|{grand:>10.3f}")
print(f"{grand:,.1f} {int(grand):,} {grand / len(rows):.4f}")
