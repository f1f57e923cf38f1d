"""The API tests make their warehouses with the real CLI, through the helpers of the flow tests."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "flows"))  # reliability_support
