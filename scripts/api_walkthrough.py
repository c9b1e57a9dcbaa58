"""Walk a dossier through the officials' API against a running server with the demo province.

    make run                      # in one terminal (or any server with seed_demo loaded)
    .venv/bin/python scripts/api_walkthrough.py --base http://127.0.0.1:8000 --logins var/demo-logins.json

A walk-in reception at the provincial service centre; hand-over to Sở Xây dựng; three internal
steps with a send-back; a coordinating agency asked and answering; a supplement request and the
resubmission (due date moved by the paused working time); result ready; handed over. Then an
online submission refused, and an apology that sets a new appointment while the legal date stays.
Each step prints what the API answered. Standard library only.
"""

import argparse
import base64
import datetime
import hashlib
import hmac
import json
import struct
import sys
import time
import urllib.error
import urllib.request

PROCEDURE = "1.009974"  # Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II… (Sở Xây dựng)
COORDINATOR = "000.20.00.H99"  # Sở Nông nghiệp và Môi trường


def totp(secret_b32: str, at: float | None = None) -> str:
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret_b32), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class Client:
    def __init__(self, base: str, logins: dict):
        self.base, self.logins, self.tokens = base.rstrip("/"), logins, {}

    def call(self, method, path, body=None, who=None):
        headers = {"Content-Type": "application/json"}
        if who:
            headers["Authorization"] = f"Bearer {self.token(who)}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def token(self, username):
        if username not in self.tokens:
            account = self.logins[username]
            body = {"username": username, "password": account["password"]}
            if account.get("totp_secret"):
                body["otp"] = totp(account["totp_secret"])
            status, answer = self.call("POST", "/api/v1/auth/token", body)
            assert status == 200, (username, status, answer)
            self.tokens[username] = answer["token"]
        return self.tokens[username]

    def act(self, who, code, action, expect=200, **body):
        status, answer = self.call("POST", f"/api/v1/dossiers/{code}/actions/{action}", body, who)
        step = answer.get("current_step") if isinstance(answer, dict) else None
        print(f"  {who:<22} {action:<22} → {status} "
              + (f"status {answer['status']} ({answer['status_name']})" if status == 200 else answer.get("code", ""))
              + (f", step {step['order']} {step['name'][:40]!r}, assignee {answer['assignee']}" if step else ""))
        assert status == expect, answer
        return answer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--logins", default="var/demo-logins.json")
    args = parser.parse_args()
    logins = {a["username"]: a for a in json.load(open(args.logins, encoding="utf-8"))}
    api = Client(args.base, logins)
    owner = {"name": "Phạm Thị Lan", "id_number": "060190004321", "phone": "0987001122",
             "email": "lan@example.vn", "address": "15 Nguyễn Tất Thành, phường Hải Thịnh"}

    print("Walk-in reception at the provincial service centre")
    status, d = api.call("POST", "/api/v1/dossiers", {"procedure": PROCEDURE, "owner": owner,
                                                      "summary": "Xây dựng nhà xưởng 2 tầng"}, "ttpvhcc.motcua1")
    assert status == 201, d
    code = d["code"]
    print(f"  code {code}, status {d['status']} ({d['status_name']}), due {d['due_at']}")
    d = api.act("ttpvhcc.motcua1", code, "hand_over")
    specialist = d["assignee"]
    d = api.act(specialist, code, "next_step")
    d = api.act(d["assignee"], code, "send_back", note="Bổ sung thuyết minh kết cấu")
    d = api.act(specialist, code, "request_coordination", agency=COORDINATOR,
                request="Xin ý kiến về đất xây dựng", working_days=3)
    coordinator = "snnptnt.chuyenvien1"
    status, _ = api.call("GET", f"/api/v1/dossiers/{code}", None, coordinator)
    print(f"  {coordinator} sees the dossier while asked: {status}")
    d = api.act(coordinator, code, "answer_coordination", answer="Đất phù hợp quy hoạch")
    status, _ = api.call("GET", f"/api/v1/dossiers/{code}", None, coordinator)
    print(f"  {coordinator} sees the dossier after answering: {status}")
    before = d["due_at"]
    d = api.act(specialist, code, "request_supplement", items=["Thuyết minh kết cấu"], reason="Thiếu")
    time.sleep(2)
    d = api.act("ttpvhcc.motcua1", code, "resubmit", note="Công dân đã bổ sung")
    print(f"  due date before the pause {before}, after {d['due_at']}")
    d = api.act(specialist, code, "next_step")
    d = api.act(d["assignee"], code, "next_step")
    d = api.act(d["assignee"], code, "mark_result_ready", result_number="45/GPXD", signer="Giám đốc Sở")
    d = api.act("ttpvhcc.motcua1", code, "return_result", method="desk")
    print("  trail: " + ", ".join(e["action"] for e in d["events"]))
    status, card = api.call("GET", f"/api/v1/dossiers/{code}/status")
    print(f"  public lookup: {status} {card['status_name']}")

    print("Online submission refused")
    status, o = api.call("POST", "/api/v1/dossiers/online", {"procedure": PROCEDURE, "owner": owner,
                                                             "idempotency_key": f"walk-{time.time()}"},
                         "ttpvhcc.motcua1")
    assert status == 201, o
    api.act("ttpvhcc.motcua1", o["code"], "refuse", reason="Công trình không thuộc thẩm quyền cấp phép của Sở")
    err = api.act("ttpvhcc.motcua1", o["code"], "accept", expect=409)
    print(f"  accepting it now: {err['code']}: {err['message']}")

    print("Apology with a new appointment")
    status, a = api.call("POST", "/api/v1/dossiers", {"procedure": PROCEDURE, "owner": owner}, "ttpvhcc.motcua1")
    d = api.act("ttpvhcc.motcua1", a["code"], "hand_over")
    new_date = (datetime.datetime.fromisoformat(d["due_at"]) + datetime.timedelta(days=10)).isoformat()
    api.act(d["assignee"], a["code"], "propose_apology", reason="Chờ ý kiến cơ quan phối hợp", new_due_at=new_date)
    d = api.act("sxd.lanhdao1", a["code"], "approve_apology")
    print(f"  legal due {d['due_at']}, promised {d['promised_at']}, overdue {d['overdue']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
