"""The yardstick for benchmarks/pages.py: one plotly chart and one st.dataframe, nothing else."""

import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st

rng = np.random.default_rng(0)
table = pd.DataFrame({"name": [f"item {i}" for i in range(40)], "value": rng.integers(1, 20, 40)})

st.title("Reference")
q = st.text_input("Search", key="reference_q")
shown = table[table["name"].str.contains(q, regex=False)] if q else table
st.plotly_chart(px.bar(shown, x="name", y="value"), key="reference_chart")
st.dataframe(shown, hide_index=True, key="reference_table")
