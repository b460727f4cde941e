# Mandelbrot set membership on a grid: a tight float loop with a data-dependent exit.
def mandel(w, h, max_iter):
    inside = 0
    total_iter = 0
    for py in range(h):
        ci = 2.0 * py / h - 1.0
        for px in range(w):
            cr = 3.0 * px / w - 2.0
            zr = 0.0
            zi = 0.0
            i = 0
            while i < max_iter:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + ci
                zr = zr2 - zi2 + cr
                i += 1
            total_iter += i
            if i == max_iter:
                inside += 1
    return inside, total_iter

def main():
    inside, total = mandel(360, 240, 200)
    print("mandelbrot", inside, total)

if __name__ == "__main__":
    main()
