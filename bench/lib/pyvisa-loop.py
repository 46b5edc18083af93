# pyvisa-py peer: N readings over TCPIP::host::port::SOCKET; prints seconds taken.
# mode "plain": query(command) per reading. mode "checked": query(command) then
# query("SYST:ERR?") per reading, raising on a non-zero entry (how a pyvisa user checks errors).
import sys, time
import pyvisa

port, count, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
mode = sys.argv[4] if len(sys.argv) > 4 else "plain"
if mode not in ("plain", "checked"):
    sys.exit(f"mode {mode!r} is not plain or checked")
rm = pyvisa.ResourceManager("@py")
inst = rm.open_resource(f"TCPIP::127.0.0.1::{port}::SOCKET", read_termination="\n", write_termination="\n", timeout=5000)
inst.query(command)
inst.query("SYST:ERR?")
start = time.perf_counter()
if mode == "plain":
    for _ in range(count):
        inst.query(command)
else:
    for _ in range(count):
        inst.query(command)
        entry = inst.query("SYST:ERR?")
        if int(entry.split(",", 1)[0]) != 0:
            raise RuntimeError(f"{command}: {entry}")
print(time.perf_counter() - start)
inst.close()
rm.close()
