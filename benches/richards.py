# A simplified Richards-style OS scheduler simulation: classes, inheritance, method
# dispatch, linked packet queues and attribute-heavy state. Core subset only.
IDLE = 0
WORKER = 1
HANDLER_A = 2
HANDLER_B = 3
DEVICE_A = 4
DEVICE_B = 5

class Packet:
    def __init__(self, kind, dest):
        self.link = None
        self.kind = kind
        self.dest = dest
        self.datum = 0
        self.data = [0, 0, 0, 0]

class Task:
    def __init__(self, sched, ident, prio):
        self.sched = sched
        self.ident = ident
        self.prio = prio
        self.head = None
        self.tail = None
        self.runs = 0

    def has_work(self):
        return self.head is not None

    def enqueue(self, p):
        p.link = None
        if self.tail is None:
            self.head = p
        else:
            self.tail.link = p
        self.tail = p

    def dequeue(self):
        p = self.head
        self.head = p.link
        if self.head is None:
            self.tail = None
        p.link = None
        return p

    def run(self):
        self.runs += 1

class IdleTask(Task):
    def __init__(self, sched, ident, prio, count):
        Task.__init__(self, sched, ident, prio)
        self.count = count
        self.seed = 1

    def alive(self):
        return self.count > 0

    def run(self):
        Task.run(self)
        self.count -= 1
        if self.seed & 1 == 0:
            self.seed = self.seed >> 1
        else:
            self.seed = (self.seed >> 1) ^ 0xD008
        p = Packet(1, WORKER)
        p.datum = self.seed & 3
        self.sched.send(p)

class WorkerTask(Task):
    def __init__(self, sched, ident, prio):
        Task.__init__(self, sched, ident, prio)
        self.dest = HANDLER_A
        self.letter = 0

    def run(self):
        Task.run(self)
        p = self.dequeue()
        if self.dest == HANDLER_A:
            self.dest = HANDLER_B
        else:
            self.dest = HANDLER_A
        p.dest = self.dest
        for i in range(4):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            p.data[i] = 64 + self.letter + p.datum
        self.sched.send(p)

class HandlerTask(Task):
    def __init__(self, sched, ident, prio, device):
        Task.__init__(self, sched, ident, prio)
        self.device = device
        self.forwarded = 0

    def run(self):
        Task.run(self)
        w = self.dequeue()
        for i in range(4):
            d = Packet(0, self.device)
            d.datum = w.data[i]
            self.sched.send(d)
            self.forwarded += 1

class DeviceTask(Task):
    def __init__(self, sched, ident, prio):
        Task.__init__(self, sched, ident, prio)
        self.checksum = 0

    def run(self):
        Task.run(self)
        p = self.dequeue()
        self.checksum = (self.checksum * 31 + p.datum) % 1000003
        self.sched.hold_count += 1

class Scheduler:
    def __init__(self):
        self.tasks = [None, None, None, None, None, None]
        self.order = []
        self.queue_count = 0
        self.hold_count = 0

    def add(self, task):
        self.tasks[task.ident] = task
        self.order.append(task)
        self.order.sort(key=lambda t: -t.prio)

    def send(self, p):
        self.queue_count += 1
        self.tasks[p.dest].enqueue(p)

    def schedule(self):
        idle = self.tasks[IDLE]
        while True:
            chosen = None
            for t in self.order:
                if t.has_work():
                    chosen = t
                    break
            if chosen is None:
                if not idle.alive():
                    return
                chosen = idle
            chosen.run()

def run_once(count):
    s = Scheduler()
    s.add(IdleTask(s, IDLE, 0, count))
    s.add(WorkerTask(s, WORKER, 1000))
    s.add(HandlerTask(s, HANDLER_A, 2000, DEVICE_A))
    s.add(HandlerTask(s, HANDLER_B, 3000, DEVICE_B))
    s.add(DeviceTask(s, DEVICE_A, 4000))
    s.add(DeviceTask(s, DEVICE_B, 5000))
    s.schedule()
    return s.queue_count, s.hold_count, s.tasks[DEVICE_A].checksum + s.tasks[DEVICE_B].checksum

def main():
    qc = 0
    hc = 0
    cs = 0
    for i in range(20):
        a, b, c = run_once(6000)
        qc += a
        hc += b
        cs += c
    print("richards checksum", qc, hc, cs)

if __name__ == "__main__":
    main()
