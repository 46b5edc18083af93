# pyvisa-py peer: N query round trips over TCPIP::host::port::SOCKET; prints seconds taken.
import sys, time
import pyvisa

port, count, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rm = pyvisa.ResourceManager("@py")
inst = rm.open_resource(f"TCPIP::127.0.0.1::{port}::SOCKET", read_termination="\n", write_termination="\n", timeout=5000)
inst.query(command)
start = time.perf_counter()
for _ in range(count):
    inst.query(command)
print(time.perf_counter() - start)
inst.close()
rm.close()
