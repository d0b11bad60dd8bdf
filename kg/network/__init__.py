"""The twinning network: the model read from the store, the offline explorer, exchange formats."""
