"""``python -m dateline.spark INPUT... --output DIR``: the Spark job (see :mod:`dateline.spark.job`)."""

import sys

from dateline.spark.job import main

sys.exit(main())
