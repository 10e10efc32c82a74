# 数字经济看板 on a server of its own; nothing is fetched from the internet at run time.
#   docker build -t digital-economy-dashboard .
#   docker run -d --name dashboard -p 8501:8501 -v /srv/articles:/corpus:ro digital-economy-dashboard
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DASHBOARD_CORPUS=/corpus \
    DASHBOARD_CACHE_DIR=/tmp/digital-economy-dashboard

WORKDIR /app
COPY . .
# The bundled article is the corpus until a folder of articles is mounted on /corpus; Noto Sans CJK
# is the font the word cloud is laid out with.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/* \
    && pip install -r requirements.txt \
    && mkdir /corpus && cp data/articles/* /corpus/ \
    && useradd --create-home --uid 10001 dashboard

USER dashboard
VOLUME ["/corpus"]
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
