"""The Streamlit pages (thin) and the frame around them; everything else lives below in pure modules."""
