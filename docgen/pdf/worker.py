"""A warm PDF converter: run by the Python that has LibreOffice's ``uno`` module (Debian's
python3-uno, usually /usr/bin/python3), not by docgen's own environment.

It starts one headless LibreOffice listening on a private pipe, connects to it, then reads
requests from standard input, one JSON line each (``{"in": "a.docx", "out": "a.pdf"}``), and
answers one JSON line each (``{"ok": true}`` or ``{"ok": false, "error": "..."}``). docgen's
`PdfConverter` starts it, restarts it after a number of conversions or on any failure, and
enforces the time limit. Standard library and uno only.
"""
import json
import os
import subprocess
import sys
import time


def main() -> int:
    import uno
    from com.sun.star.beans import PropertyValue

    soffice, profile, pipe = sys.argv[1], sys.argv[2], sys.argv[3]
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nologo", "--norestore",
         "--nodefault", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def prop(name, value):
        item = PropertyValue()
        item.Name, item.Value = name, value
        return item

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    context = None
    for _ in range(600):   # up to 60 s for LibreOffice to start
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:  # not listening yet
            if office.poll() is not None:
                break
            time.sleep(0.1)
    if context is None:
        print(json.dumps({"ok": False, "error": "LibreOffice không khởi động được"}), flush=True)
        office.kill()
        return 1
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    try:
        for line in sys.stdin:
            request = json.loads(line)
            try:
                document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(request["in"])),
                                                        "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True)))
                try:
                    document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(request["out"])),
                                        (prop("FilterName", "writer_pdf_Export"),))
                finally:
                    document.close(True)
                print(json.dumps({"ok": True}), flush=True)
            except Exception as exc:  # report and go on; docgen restarts the worker on failure
                # A LibreOffice that died (killed, crashed) leaves a disposed bridge: say so and
                # stop, so docgen starts a fresh one and tries the document again.
                dead = office.poll() is not None or "Disposed" in type(exc).__name__ or "disposed" in str(exc)
                print(json.dumps({"ok": False, "error": f"{type(exc).__name__}: {exc}", "dead": dead}), flush=True)
                if dead:
                    return 1
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
