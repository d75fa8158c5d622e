from sendsite.cli import run

# Guarded: the live preview's check worker is a spawned process, which imports this module again.
if __name__ == "__main__":
    run()
