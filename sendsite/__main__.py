import sys

from sendsite.cli import main

sys.exit(main())
