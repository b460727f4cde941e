# Building lists with append, indexing loops and summing: list ops and int arithmetic.
def build(n):
    lst = []
    for i in range(n):
        lst.append(i * 3 % 17)
    return lst

def total_index(lst):
    s = 0
    i = 0
    n = len(lst)
    while i < n:
        s += lst[i]
        i += 1
    return s

def total_iter(lst):
    s = 0
    for v in lst:
        s += v
    return s

def main():
    checksum = 0
    for rep in range(30):
        lst = build(100000)
        checksum += total_index(lst) + total_iter(lst) + sum(lst)
        lst2 = [v * 2 for v in lst if v % 2 == 0]
        checksum += len(lst2) + total_iter(lst2)
        for i in range(0, len(lst), 7):
            lst[i] = lst[i] + rep
        checksum += total_index(lst)
    print("list_sum checksum", checksum)

if __name__ == "__main__":
    main()
